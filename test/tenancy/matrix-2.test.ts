import { describeMatrixSlice } from "./matrix";

describeMatrixSlice(1);
