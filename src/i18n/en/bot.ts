import type { BotTexts } from '../ru/bot.js';

export const bot: BotTexts = {
  common: {
    back: '← Back',
    cancel: '✖ Cancel',
    staleButton: 'This button no longer works. Please open the menu again.',
  },
  commands: {
    client: {
      start: 'Start, link Telegram',
      new: 'New request',
      requests: 'My requests',
      drafts: 'Drafts',
      help: 'Help',
      language: 'Язык / Language',
      unlink: 'Unlink Telegram',
    },
    staff: {
      start: 'Start',
      tasks: 'My open tasks',
      bind: 'Bind the group to a role (administrator)',
      unbind: 'Unbind the group (administrator)',
      mute: 'Pause personal notifications',
      help: 'Help',
    },
  },

  client: {
    link: {
      welcome:
        'Hello! This is the Kabinet client bot.\n\n' +
        'To file and sign requests here, link Telegram: open the "Link Telegram" link in the Kabinet, or press ' +
        'the button below to share your phone number, and we will text you a code.',
      openAccount: (url: string) => `Not a client yet? Open an account online: ${url}`,
      shareContactButton: '📱 Share my phone number',
      required:
        'Link Telegram to the Kabinet first: press the button below or open the link from the Kabinet.',
      badToken:
        'This link does not work: it is single-use and short-lived. Get a new one in the Kabinet or share your phone number.',
      notOwnContact: 'Please share your own number, with the button below.',
      askPassword:
        'Now send your Kabinet password in one message. The bot deletes it from the chat at once and texts you a code.',
      deletePassword: 'The message with your password could not be deleted: please delete it yourself.',
      codeSent: (destination: string) =>
        `If the number and the password are right, a code was sent to ${destination}. Type the code from the SMS.`,
      notACode: 'Type the six-digit code from the SMS.',
      wrongCode: (left: number) => `The password or the code is wrong. Attempts left: ${left}.`,
      codeGone: 'The code no longer works. Share your number again and type your password to get a new one.',
      done: '✅ Telegram is linked to the Kabinet.',
    },
    menu: {
      title: '☰ Menu',
      whatNext: 'What would you like to do?',
      new: '➕ New request',
      requests: '📄 My requests',
      drafts: '📝 Drafts',
      notifications: '🔔 Notifications',
      language: '🌐 Language',
      help: '❓ Help',
      cabinet: '🏦 Open the cabinet',
      menuButton: 'Cabinet',
      openInCabinet: '🏦 Open in the cabinet',
    },
    help:
      '<b>What the bot does</b>\n' +
      '/new — a new request: the bot asks step by step, then you sign with the SMS code\n' +
      '/requests — my requests, statuses and history\n' +
      '/drafts — drafts\n' +
      '/language — language\n' +
      '/unlink — unlink Telegram\n\n' +
      'At every step you can go back or cancel. Account numbers in messages are hidden except the last digits.',
    unknown: 'Sorry, I did not get that. Pick an action in the menu or type /help.',
    language: {
      choose: 'Choose the language:',
      changed: 'Done: the bot speaks English.',
      ru: 'Русский',
      en: 'English',
    },
    notifications: {
      on: 'Notices about your requests come here, to Telegram. Emails and notices in the Kabinet always come.',
      off: 'Telegram notices are off. Emails and notices in the Kabinet always come.',
      turnOn: '🔔 Turn on',
      turnOff: '🔕 Turn off',
    },
    unlink: {
      question: 'Unlink Telegram from the Kabinet? Notifications will stop coming here.',
      confirmButton: 'Yes, unlink',
      keepButton: 'No',
      kept: 'All right, nothing changes.',
      done: 'Telegram is unlinked. To link again, share your number or open the link from the Kabinet.',
    },
    form: {
      chooseType: 'Which request would you like to file?',
      step: (title: string, step: number, total: number) => `<b>${title}</b> · step ${step} of ${total}`,
      problem: (message: string) => `⚠️ ${message}. Please correct it.`,
      optionalHint: '<i>Optional — you can skip it.</i>',
      skip: 'Skip',
      summaryTitle: (title: string) => `<b>Check your request: ${title}</b>`,
      submit: '✍️ Sign and submit',
      saveDraft: '💾 Save draft',
      useButtons: 'Everything is filled in. Choose: sign and submit, save a draft, or cancel.',
      noDialogue: 'This request is no longer being filled in. Start a new one: /new',
      alreadyAnswered: 'This question already has an answer.',
      cancelled: 'The request was not created.',
      editCancelled: 'The changes were not saved.',
      draftSaved: (number: string) => `💾 Draft ${number} saved. Find it under /drafts`,
    },
    signing: {
      formCaption: (number: string) =>
        `The print form of request No. ${number}: the document your code signs.`,
      codeSent: (number: string, summary: string, destination: string) =>
        `Request <b>${number}</b> awaits your signature: ${summary}.\n\n` +
        `We texted a code to ${destination}. Type it here to sign (simple electronic signature).`,
      notACode: 'Type the six-digit code from the SMS.',
      signed: (number: string) => `✅ Request <b>${number}</b> is signed and sent to the manager.`,
      wrong: (left: number) => `Wrong code. Attempts left: ${left}.`,
      expired: 'The code has expired. Press "New code".',
      locked: 'Too many wrong attempts. Sign the request later from its details: /requests',
      used: (number: string) => `This code was already used: request <b>${number}</b> is already signed.`,
      changed: (number: string) =>
        `Request <b>${number}</b> was changed after the code was sent, so the code no longer works. Open it and sign again.`,
      nothingToSign: 'There is nothing to sign now.',
      resend: '🔁 New code',
      later: 'Sign later',
      resent: (destination: string) => `A new code was sent to ${destination}. Type it here.`,
      laterText: 'The request awaits your signature. You can sign it from the list: /requests',
    },
    requests: {
      title: (page: number, pages: number) => `<b>My requests</b> (page ${page} of ${pages})`,
      draftsTitle: (page: number, pages: number) => `<b>Drafts</b> (page ${page} of ${pages})`,
      none: 'No requests yet. File a new one: /new',
      noDrafts: 'No drafts.',
      previous: '◀ Back',
      next: 'Next ▶',
    },
    details: {
      header: (number: string) => `<b>Request ${number}</b>`,
      status: (label: string) => `Status: <b>${label}</b>`,
      returnedReason: (reason: string) => `What to correct: ${reason}`,
      rejectedReason: (reason: string) => `Reason: ${reason}`,
      history: '<b>History</b>',
      submit: '✍️ Sign and submit',
      sign: '✍️ Sign',
      edit: '✏️ Edit',
      delete: '🗑 Delete draft',
      cancel: '✖ Cancel request',
      printForm: '📄 Print form (PDF)',
      refresh: '🔄 Refresh',
      open: '🔎 Details',
      strictNote: 'The content of the request is in the Kabinet.',
      backToList: '← To the list',
      cancelQuestion: (number: string) => `Cancel request <b>${number}</b>? This cannot be undone.`,
      cancelYes: 'Yes, cancel',
      cancelNo: 'No',
      cancelled: (number: string) => `Request <b>${number}</b> is cancelled.`,
      deleted: (number: string) => `Draft <b>${number}</b> is deleted.`,
    },
    journal: {
      created: 'created',
      signed: 'signed with the SMS code',
      status: (label: string) => `status: ${label}`,
    },
  },

  staff: {
    start: {
      welcome: (name: string) =>
        `Hello, ${name}! Tasks of your roles: /tasks. Notifications come here; pause them with /mute.`,
      stranger:
        'This is the Kabinet staff bot. To link Telegram, open the invite link from an administrator.',
      badInvite:
        'This invite does not work: it is single-use and short-lived. Ask an administrator for a new one.',
      codeSent: (destination: string) => `To confirm, we sent a code to ${destination}. Type it here.`,
      notACode: 'Type the six-digit code.',
      wrongCode: (left: number) => `Wrong code. Attempts left: ${left}.`,
      codeGone: 'The code no longer works. Open the invite link again.',
      linked: (name: string) => `✅ Done, ${name}: Telegram is linked. Tasks of your roles: /tasks`,
    },
    help:
      '<b>Kabinet staff bot</b>\n' +
      '/tasks — open tasks of your roles\n' +
      '/mute [hours] — pause personal notifications (8 h by default), /mute off — resume\n' +
      'In a group (administrators only): /bind &lt;role&gt; — bind the chat to a role, /unbind — unbind\n\n' +
      'Task cards come to the role chat. Buttons: tick checklist items, Take, Done, Reject, Open.',
    bind: {
      onlyGroups: 'This command works in the group to be bound to a role.',
      onlyAdmin: 'Only an administrator with linked Telegram may bind chats to roles.',
      usage: (roles: string) => `Name the role: /bind &lt;role&gt;. Roles: ${roles}`,
      bound: (role: string) => `This chat is bound to the role "${role}". Its task cards will come here.`,
      unbound: (roles: string) => `This chat is unbound from: ${roles}.`,
      notBound: 'This chat is not bound to any role.',
    },
    tasks: {
      cabinet: '🗂 My tasks in the cabinet',
      menuButton: 'My tasks',
      openInCabinet: '🗂 Open in the cabinet',
      title: (count: number) => `<b>Open tasks of your roles</b>: ${count}`,
      none: 'No open tasks. 🎉',
      notStaff: 'This command is for staff with linked Telegram.',
      line: (number: string, title: string, due: string, state: string) =>
        `<b>${number}</b> · ${title} · due ${due} · ${state}`,
      mine: 'yours',
      taken: 'taken',
      free: 'free',
    },
    mute: {
      on: (until: string) => `Personal notifications are paused until ${until}. Resume: /mute off`,
      off: 'Personal notifications are on again.',
      usage: 'Usage: /mute [hours from 1 to 168] or /mute off',
    },
    card: {
      task: (title: string) => `📋 <b>${title}</b>`,
      review: (number: string) => `📥 <b>Request ${number}</b> — manager review`,
      request: (number: string, type: string) => `Request <b>${number}</b> · ${type}`,
      role: (role: string, due: string) => `Role: ${role} · due: ${due}`,
      state: (label: string) => `State: <b>${label}</b>`,
      takenBy: (name: string) => `taken by ${name}`,
      doneBy: (names: string) => `done (${names})`,
      rejectedBy: (name: string, reason: string) => `rejected (${name}): ${reason}`,
      approvals: (given: number, needed: number, names: string) =>
        `Approvals (4 eyes): ${given} of ${needed}${names ? ` — ${names}` : ''}`,
      checklist: 'Checklist:',
      ticked: (name: string) => ` — ${name}`,
      reviewer: (name: string) => `in review by ${name}`,
      acceptedBy: (name: string) => `accepted into work (${name})`,
      returnedBy: (name: string, reason: string) => `returned to the client (${name}): ${reason}`,
      requestRejectedBy: (name: string, reason: string) => `rejected (${name}): ${reason}`,
      taskRejected: (title: string, name: string, reason: string) =>
        `task "${title}" rejected (${name}): ${reason}`,
      waiting: 'waiting for a manager',
      strictNote: 'Details are in the Kabinet.',
      cabinet: (url: string) => `<a href="${url}">Open in the Kabinet</a>`,
      take: '🙋 Take',
      done: '✅ Done',
      reject: '⛔ Reject',
      open: '🔎 Open',
      accept: '✅ Accept',
      return: '↩️ Return to client',
      reopen: (title: string) => `🔁 Reopen: ${title}`,
    },
    press: {
      taken: 'The task is yours.',
      done: 'Done, thank you!',
      approvedOnce: 'Your approval is recorded. One more person is needed.',
      ticked: 'Ticked.',
      unticked: 'Unticked.',
      accepted: 'The request is accepted into work.',
      reviewTaken: 'The request is yours: check it, then accept, return or reject it.',
      reopened: 'The task is reopened.',
      sentToPrivate: 'Details are in your private chat with the bot.',
      startPrivateFirst: 'Write to the bot privately (/start) so it can send you details.',
      checklistIncomplete: (left: number) => `Tick every checklist item first: ${left} left.`,
    },
    refuse: {
      notLinked: 'You are not linked to the Kabinet as staff. The press did not count.',
      notYourRole: (role: string) => `This task is for the role "${role}". The press did not count.`,
      onlyManager: 'Only a client manager may do this.',
      onlyReviewer: (name: string) => `${name} is reviewing this request: only they may do this.`,
      alreadyTaken: (name: string) => `Already taken: ${name}.`,
      alreadyYours: 'The task is already yours.',
      alreadyDone: (names: string) => `Already done by ${names}.`,
      alreadyRejected: (name: string) => `Already rejected by ${name}.`,
      taskCancelled: 'The task was dropped: the request left this stage.',
      fourEyes: 'Four eyes: the second approval must come from another person.',
      segregation: 'Segregation of duties: you completed a task of another role on this request.',
      reviewAlreadyTaken: (name: string) => `Already taken for review by ${name}.`,
      requestMovedOn: (label: string) => `Already done: the request is "${label}".`,
      notNow: 'This cannot be done now.',
    },
    reason: {
      askTask: (mention: string, title: string, number: string) =>
        `${mention}, write the reason for rejecting the task "${title}" of request ${number} — as a reply to this message. Changed your mind: /cancel`,
      askReturn: (mention: string, number: string) =>
        `${mention}, write what the client must correct in request ${number} — as a reply to this message. Changed your mind: /cancel`,
      askReject: (mention: string, number: string) =>
        `${mention}, write the reason for rejecting request ${number} — as a reply to this message. Changed your mind: /cancel`,
      placeholder: 'Reason',
      tooLong: 'Too long: 1000 characters at most.',
      cancelled: 'All right, nothing changes.',
      taskRejected: (number: string) =>
        `The task of request ${number} is rejected; the manager has been notified.`,
      returned: (number: string) => `Request ${number} is returned to the client for changes.`,
      rejected: (number: string) => `Request ${number} is rejected.`,
    },
    details: {
      header: (number: string, type: string) => `<b>Request ${number}</b> · ${type}`,
      status: (label: string) => `Status: <b>${label}</b>`,
      tasks: '<b>Tasks</b>',
      taskLine: (title: string, role: string, state: string) => `• ${title} (${role}) — ${state}`,
    },
    groupOnlyAdmin: 'Commands in this chat: /bind, /unbind (administrator), /help.',
  },
};
