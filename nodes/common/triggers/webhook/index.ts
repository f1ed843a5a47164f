export * from './signature';
export * from './deliveries';
export * from './lifecycle';
export * from './receive';
