import { describeSweepSlice } from "./fuzz";

describeSweepSlice(3);
