// Namespaces most of the data layer's files use, imported once here rather than at the top of each file.
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Governance.Domain.Audit;
global using Governance.Domain.Contracts;
global using Microsoft.Extensions.DependencyInjection;
global using Npgsql;
