// Public exports of src/io (filled in by its module owner).
export {};
