namespace Governance.Api.Application.Contracts;

/// <summary>
/// Seals contracts accepted before acceptance seals existed, so upgrading does not stop their releases. A contract is
/// sealed only when its stored approvals prove acceptance on their own (content hashes to the digest, every party's
/// approval of that digest, every signature verifying with the key stored beside it); any other is left unsealed, is
/// refused at release, and is named in the log for the parties to approve again.
/// </summary>
internal sealed partial class AcceptanceSealBackfill(
    GovernanceDbContext db, IContractAcceptanceSeals seals, ILogger<AcceptanceSealBackfill> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var unsealed = await db.Contracts.AsNoTracking().Include(c => c.Approvals)
            .Where(c => c.State == ContractStateName.Accepted && c.AcceptanceSeal == null)
            .ToListAsync(cancellationToken);
        foreach (var contract in unsealed)
        {
            if (!contract.ApprovalsProveAcceptance(a =>
                    a.Signature is not null && a.PublicJwk is not null
                    && ContractApprovalSignature.Verify(a.Signature, contract.Id, contract.DigestHex, a.PublicJwk).IsValid))
            {
                LogUnproven(logger, contract.Id);
                continue;
            }

            var seal = await seals.SealAsync(contract, cancellationToken);
            // Another replica may seal it first; either seal is valid.
            await db.Database.ExecuteSqlAsync(
                $"UPDATE contracts SET acceptance_seal = {seal} WHERE id = {contract.Id} AND acceptance_seal IS NULL", cancellationToken);
            LogSealed(logger, contract.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed the acceptance of contract {ContractId}, accepted before seals existed")]
    private static partial void LogSealed(ILogger logger, Guid contractId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Contract {ContractId} is accepted but its stored approvals do not prove it; it stays unsealed and releases under it are refused until its parties accept an amendment")]
    private static partial void LogUnproven(ILogger logger, Guid contractId);
}
