// One item of an Adyen standard notification, the fields holdfast's mappers and HMAC check
// read (Adyen's webhook spec: NotificationRequestItem), as the unit tests write them.
export interface AdyenNotificationItem {
  pspReference: string;
  originalReference?: string;
  merchantAccountCode: string;
  merchantReference: string;
  amount: { value: number; currency: string };
  eventCode: string;
  eventDate: string;
  success: string;
  reason?: string;
  additionalData?: Record<string, string>;
}
