/** The till UI; /display is the customer-facing monitor, which needs no sign-in. */
import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import { CustomerDisplay } from './screens/display/CustomerDisplay.tsx';
import './styles.css';
import './components/components.css';

render(
  () => (location.pathname === '/display' ? <CustomerDisplay /> : <App />),
  document.getElementById('app')!,
);
