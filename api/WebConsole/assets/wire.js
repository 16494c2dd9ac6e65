// The service's answers as this page reads them (camelCase JSON; absent members are left out).
export {};
