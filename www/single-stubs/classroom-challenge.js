// The single file's stand-in for www/classroom-challenge.js (see single-stubs/classroom.js): a
// link that carries a class challenge says where the challenge is checked, instead of a score.
// The wasm module of the single file has no challenge check either (xtask strips it).

// Written for its place in the single file's staged sources (www/), hence './'.
import { el } from './dom.js';

export class ChallengePanel {
  constructor(main, before) {
    this.note = el('p', 'notice');
    this.note.id = 'challenge';
    this.note.setAttribute('role', 'status');
    main.insertBefore(this.note, before);
  }

  set(id) {
    this.id = id;
    this.note.hidden = !id;
  }

  render(L) {
    this.note.textContent = this.id ? L.t('single_no_challenge', { id: this.id }) : '';
  }
}
