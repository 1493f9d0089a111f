/** One entry of the app shell's navigation. */
export type NavItem = {
  to: string;
  label: string;
  /** Active only on exactly this path, not on the paths below it (an entry whose path prefixes its siblings'). */
  exact?: boolean;
};
