// Public exports of src/metrics (filled in by its module owner).
export {};
