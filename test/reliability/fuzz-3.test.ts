import { describeSweepSlice } from "./fuzz";

describeSweepSlice(2);
