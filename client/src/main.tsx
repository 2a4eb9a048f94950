/** Entry point: styles, then the application mounted on #root. */
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/components.css';
import './styles/documents.css';
import { render } from 'solid-js/web';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (root) render(() => <App />, root);
