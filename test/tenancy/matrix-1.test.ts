import { describeMatrixSlice } from "./matrix";

describeMatrixSlice(0);
