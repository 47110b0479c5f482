/** Always fails, as a function with a bug does. */
export const handler = async () => {
  throw new Error('This function always fails');
};
