/**
 * The way back to the single view (each run alone, at the shared time) and "Share link" for the
 * pair, which first puts the pair's link in the address bar.
 */
import { ShareButton } from '../ShareButton';
import { useLink } from '../url/linkState';
import type { ComparePair } from './compareQuery';
import { aloneLinkQuery, pairLinkQuery, type PairView } from './pairLinks';
import type { PairRunner } from './pairRunner';
import { usePair } from './usePair';

export function PairLinks({ runner, pair }: { runner: PairRunner; pair: ComparePair }) {
  const speed = usePair(runner, (s) => s.speed);
  const playing = usePair(runner, (s) => s.playing);
  const sharedNs = usePair(runner, (s) => s.sharedNs);
  const theme = useLink((s) => s.theme);
  const view: PairView = { speed, playing, sharedNs, theme };
  const write = () => {
    const s = runner.store.getState();
    const query = pairLinkQuery(pair.a, pair.applied, { speed: s.speed, playing: s.playing, sharedNs: s.sharedNs, theme });
    history.replaceState(history.state, '', `${location.pathname}?${query}`);
  };
  return (
    <nav className="pair-links" aria-label="Single view and sharing">
      <a href={`?${aloneLinkQuery(pair.a, view)}`}>Open run A alone</a>
      <a href={`?${aloneLinkQuery(pair.b, view)}`}>Open run B alone</a>
      <ShareButton write={write} />
    </nav>
  );
}
