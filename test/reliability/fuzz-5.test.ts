import { describeSweepSlice } from "./fuzz";

describeSweepSlice(4);
