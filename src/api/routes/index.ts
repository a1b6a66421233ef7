import type { ApiRoute } from '../route.js';
import type { ApiServices } from '../services.js';
import { adminRoutes } from './admin.js';
import { authRoutes } from './auth.js';
import { confirmationRoutes } from './confirmations.js';
import { exchangeRoutes } from './exchange.js';
import { meRoutes } from './me.js';
import { notificationRoutes } from './notifications.js';
import { onboardingDeskRoutes } from './onboarding-desk.js';
import { onboardingRoutes } from './onboarding.js';
import { requestTypeRoutes } from './request-types.js';
import { requestRoutes } from './requests.js';
import { sandboxRoutes } from './sandbox.js';
import { taskRoutes } from './tasks.js';
import { telegramLinkRoutes } from './telegram-links.js';
import { verificationRoutes } from './verifications.js';

/** Every endpoint of /api/v1, in documentation order. */
export function apiRoutes(services: ApiServices): ApiRoute[] {
  return [
    ...authRoutes(services),
    ...meRoutes(services),
    ...confirmationRoutes(services),
    ...requestTypeRoutes(services),
    ...requestRoutes(services),
    ...taskRoutes(services),
    ...notificationRoutes(services),
    ...telegramLinkRoutes(services),
    ...verificationRoutes(services),
    ...onboardingRoutes(services),
    ...onboardingDeskRoutes(services),
    ...adminRoutes(services),
    ...exchangeRoutes(services),
    ...sandboxRoutes(services),
  ];
}
