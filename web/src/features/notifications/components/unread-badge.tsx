/** The unread in-app notices, as a counter beside "Notifications" (issue 9 item 7 fills it in). */
export function UnreadBadge() {
  return null;
}
