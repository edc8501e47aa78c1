import type { errors as en } from '../en/errors.ts';

export const errors: Record<keyof typeof en, string> = {
  'error.OFFLINE': 'La caisse ne répond pas : son service tourne-t-il ?',
  'error.UNDERPAID': 'Les paiements ({paid}) ne couvrent pas le total ({total}).',
  'error.CHANGE_WITHOUT_CASH': 'Trop-perçu de {change} sans espèces pour rendre la monnaie.',
  'error.UNKNOWN_BARCODE': 'Aucun produit n’a le code-barres {barcode}.',
  'error.INVALID_AMOUNT': 'Ce n’est pas un montant.',
  'error.APPROVAL_REFUSED': 'Accord refusé : pas un responsable, ou code PIN erroné.',
  'error.LOGIN_THROTTLED': 'Trop de codes erronés : attendez un instant et réessayez.',
  'error.TRANSFER_LOST': 'Une autre caisse a pris ce panier avant.',
  'error.unexpected': 'Une erreur est survenue : {message}',
  'error.INVALID_QTY': '« {text} » n’est pas une quantité entière.',
};
