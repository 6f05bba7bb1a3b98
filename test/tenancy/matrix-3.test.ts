import { describeMatrixSlice } from "./matrix";

describeMatrixSlice(2);
