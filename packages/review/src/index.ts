export * from './gateway-client';
export * from './report';
export * from './review';
export * from './review-rows';
