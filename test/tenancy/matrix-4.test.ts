import { describeMatrixSlice } from "./matrix";

describeMatrixSlice(3);
