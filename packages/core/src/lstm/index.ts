// Public exports of src/lstm (filled in by its module owner).
export {};
