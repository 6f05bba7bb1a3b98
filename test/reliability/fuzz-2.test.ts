import { describeSweepSlice } from "./fuzz";

describeSweepSlice(1);
