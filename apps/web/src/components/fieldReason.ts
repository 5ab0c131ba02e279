/** Beside its field a reason needs no field path: `figures.seatsDelivered：须为非负整数` → `须为非负整数`. */
export function fieldReason(field: string, message: string): string {
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`^${escaped}\\s*[:：]\\s*`), '') || message;
}
