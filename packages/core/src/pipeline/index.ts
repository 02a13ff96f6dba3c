// Public exports of src/pipeline (filled in by its module owner).
export {};
