namespace Governance.Domain.Contracts;

/// <summary>
/// The service's signed statements of acceptance (<see cref="Contract.AcceptanceSeal"/>). Signed with a key the database
/// does not hold in the clear, so a row edited after acceptance cannot be given a matching seal.
/// </summary>
public interface IContractAcceptanceSeals
{
    /// <summary>Signs the statement that every party of the accepted <paramref name="contract"/> approved its digest.</summary>
    Task<string> SealAsync(Contract contract, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="seal"/> is the service's statement that <paramref name="contractId"/> was accepted with <paramref name="digestHex"/>.</summary>
    Task<bool> VerifyAsync(string contractId, string digestHex, string? seal, CancellationToken cancellationToken);
}
