/** Every screen of the till, in the order of the navigation; managers see all of them. */
import type { Component } from 'solid-js';
import type { MessageKey } from '../i18n/i18n.ts';
import { CatalogueScreen } from '../screens/catalogue/CatalogueScreen.tsx';
import { DayScreen } from '../screens/day/DayScreen.tsx';
import { OrdersScreen } from '../screens/orders/OrdersScreen.tsx';
import { PaymentScreen } from '../screens/payment/PaymentScreen.tsx';
import { ReceiptScreen } from '../screens/receipt/ReceiptScreen.tsx';
import { SaleScreen } from '../screens/sale/SaleScreen.tsx';
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx';
import { StaffScreen } from '../screens/staff/StaffScreen.tsx';
import { StatusScreen } from '../screens/status/StatusScreen.tsx';

export interface ScreenRoute {
  screen: string;
  label: MessageKey;
  managerOnly?: boolean;
  /** Shown in the navigation (a screen reached from another one is not). */
  nav: boolean;
  component: Component<{ params: string[] }>;
}

export const DEFAULT_SCREEN = 'sale';

export const routes: ScreenRoute[] = [
  { screen: 'sale', label: 'nav.sale', nav: true, component: SaleScreen },
  { screen: 'payment', label: 'nav.sale', nav: false, component: PaymentScreen },
  { screen: 'receipt', label: 'nav.sale', nav: false, component: ReceiptScreen },
  { screen: 'orders', label: 'nav.orders', nav: true, component: OrdersScreen },
  { screen: 'day', label: 'nav.day', managerOnly: true, nav: true, component: DayScreen },
  {
    screen: 'catalogue',
    label: 'nav.catalogue',
    managerOnly: true,
    nav: true,
    component: CatalogueScreen,
  },
  { screen: 'staff', label: 'nav.staff', managerOnly: true, nav: true, component: StaffScreen },
  {
    screen: 'settings',
    label: 'nav.settings',
    managerOnly: true,
    nav: true,
    component: SettingsScreen,
  },
  { screen: 'status', label: 'nav.status', nav: true, component: StatusScreen },
];
