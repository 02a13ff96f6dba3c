// Public exports of src/preprocess (filled in by its module owner).
export {};
