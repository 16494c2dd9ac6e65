using Governance.Domain;
using Governance.Domain.Contracts;
using Governance.Protocol.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Infrastructure;

/// <summary>
/// Seeds contracts straight through the repository and the domain, for tests about what happens after consent
/// (releases, departures): approvals here are unsigned, and acceptance is sealed the way the approval use case seals it.
/// </summary>
public static class StoredContracts
{
    public static async Task AddAsync(IServiceProvider services, Contract contract)
    {
        await using var scope = services.CreateAsyncScope();
        var contracts = scope.ServiceProvider.GetRequiredService<IContractRepository>();
        await using var work = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None);
        contracts.Add(contract);
        await contracts.RecordTransitionsAsync(contract, CancellationToken.None);
        await work.CommitAsync(CancellationToken.None);
    }

    public static async Task ChangeAsync(IServiceProvider services, Guid id, Action<Contract> change)
    {
        await using var scope = services.CreateAsyncScope();
        var contracts = scope.ServiceProvider.GetRequiredService<IContractRepository>();
        await using var work = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None);
        var contract = await contracts.LockAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"No contract {id}.");
        change(contract);
        if (contract.State == ContractStateName.Accepted && contract.AcceptanceSeal is null)
        {
            var seals = scope.ServiceProvider.GetRequiredService<IContractAcceptanceSeals>();
            contract.AttachAcceptanceSeal(await seals.SealAsync(contract, CancellationToken.None));
        }

        await contracts.RecordTransitionsAsync(contract, CancellationToken.None);
        await work.CommitAsync(CancellationToken.None);
    }

    public static async Task<Contract?> FindAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IContractRepository>().FindAsync(id, CancellationToken.None);
    }

    public static async Task<IReadOnlyList<ContractEvent>> EventsAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IContractRepository>().EventsAsync(id, CancellationToken.None);
    }
}
