import { describeSweepSlice } from "./fuzz";

describeSweepSlice(5);
