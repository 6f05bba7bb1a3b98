import { describeSweepSlice } from "./fuzz";

describeSweepSlice(0);
