/** What the page opens on, shared by the page builder (Node) and the page's script (browser). */

/** The state the command line gives the page. */
export interface PlaygroundState {
  /** The scenario text in the editor. */
  scenario: string;
  /** Lines shown above the editor (what the command line said about its input, e.g. a snapshot's gaps). */
  notes: string[];
}

/** The id of the `<script type="application/json">` element holding the state. */
export const STATE_ELEMENT_ID = 'ramguard-initial';
