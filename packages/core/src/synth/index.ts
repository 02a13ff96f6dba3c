// Public exports of src/synth (filled in by its module owner).
export {};
