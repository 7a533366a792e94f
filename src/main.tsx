import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import './ui/app.css';
import { installPageHooks } from './ui/devHooks';
import { loadLessons } from './ui/lessons/lessonLibrary';
import { registerServiceWorker } from './ui/serviceWorker';

installPageHooks();

const link = new URLSearchParams(location.search);
registerServiceWorker(link.has('compare'));

/** A lesson link's first frame is the lesson's: its content is fetched before the page renders. */
const lessonLink = link.has('lesson');

const root = document.getElementById('root');
if (root) {
  void (lessonLink ? loadLessons() : Promise.resolve()).then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
