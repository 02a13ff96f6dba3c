// Public exports of src/bicluster (filled in by its module owner).
export {};
