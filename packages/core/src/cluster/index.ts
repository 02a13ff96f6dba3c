// Public exports of src/cluster (filled in by its module owner).
export {};
