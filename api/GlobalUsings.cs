// Namespaces most of the service's files use, imported once here rather than at the top of each file.
global using Governance.Domain;
global using Governance.Domain.Audit;
global using Governance.Domain.Errors;
global using Governance.Persistence.Audit;
global using Governance.Domain.Members;
global using Governance.Domain.Contracts;
global using Microsoft.Extensions.Options;
global using Governance.Api.Hosting;
