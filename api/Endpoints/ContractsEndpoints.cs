using System.Globalization;
using System.Security.Claims;
using Governance.Api.Auth;
using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Persistence.Contracts;
using Governance.Protocol.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Endpoints;

/// <summary>
/// Collaboration contracts: drafted by a proposer, frozen when proposed, accepted once every party approved
/// the exact digest with its own key. Only parties see a contract (auditors see all; anyone else gets 404).
/// </summary>
public static class ContractsEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapContractsApi(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/contracts").WithTags("Contracts");
        var read = contracts.MapGroup("").RequireAuthorization(policy => policy
            .RequireClaim(ClaimsPrincipalExtensions.MemberIdClaim)
            .RequireRole(Roles.Member, Roles.Auditor));
        var write = contracts.MapGroup("").RequireAuthorization(Policies.Member);

        write.MapPost("", CreateAsync).WithName("CreateContract");
        read.MapGet("", ListAsync).WithName("ListContracts");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetContract");
        write.MapPut("/{id:guid}", EditAsync).WithName("EditContract")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        write.MapPost("/{id:guid}/propose", ProposeAsync).WithName("ProposeContract");
        read.MapGet("/{id:guid}/digest", DigestAsync).WithName("GetContractDigest");
        write.MapPost("/{id:guid}/approvals", ApproveAsync).WithName("ApproveContract");
        read.MapGet("/{id:guid}/approvals", ApprovalsAsync).WithName("ListContractApprovals");
        write.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectContract");
        write.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("WithdrawContract");
        write.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeContract");
        write.MapPost("/{id:guid}/amend", AmendAsync).WithName("AmendContract");
        read.MapGet("/{id:guid}/events", EventsAsync).WithName("ListContractEvents");
        return app;
    }

    /// <summary>Drafts a contract; the caller becomes its proposer and must be one of its parties.</summary>
    /// <remarks>
    /// Content (camelCase JSON): title, description?, parties (member ids), datasets [{owner, name, location, format,
    /// schemaDigest?, keySecret, credentialSecret?}], secrets [{owner, name}], cleanRoom {type 0–3, vmpl, customRuntime?,
    /// egress secure|trusted|open, egressPolicy? (open only)}, attestationPolicy, validity {notBefore?, notAfter?, maxReleases?}.
    /// Hex values are lowercase. Invalid content answers 422 with an `errors` map from JSON path to messages.
    /// </remarks>
    /// <response code="201">The draft, with its ETag.</response>
    /// <response code="422">The content breaks a rule; see `errors`.</response>
    private static async Task<Created<ContractView>> CreateAsync(
        ContractContent content, ClaimsPrincipal user, HttpContext http, IContractStore store, IContractParties parties,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var me = user.MemberId();
        await ValidateAsync(content, me, parties, cancellationToken);
        var now = time.GetUtcNow();
        var contract = Contract.Create(Guid.CreateVersion7(now), me, content, now);
        await store.AddAsync(contract, cancellationToken);
        http.Response.Headers.ETag = contract.ETag();
        return TypedResults.Created($"/contracts/{contract.Id:D}", contract.ToView(now));
    }

    /// <summary>Lists the caller's contracts (auditors: all), newest first.</summary>
    /// <remarks>
    /// `state`: draft, proposed, accepted, rejected, withdrawn, revoked, superseded or expired. `cursor`: the `nextCursor` of
    /// the previous page. `limit`: 1–200, default 50.
    /// </remarks>
    private static async Task<Ok<ContractPage>> ListAsync(
        ClaimsPrincipal user, IContractStore store, TimeProvider time, CancellationToken cancellationToken,
        string? state = null, string? cursor = null, int? limit = null)
    {
        ContractState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            wanted = Enum.TryParse<ContractStateName>(state, ignoreCase: true, out var parsed) && !int.TryParse(state, out _)
                ? parsed.ToDomain()
                : throw DomainException.BadRequest($"Unknown state '{state}'; use draft, proposed, accepted, rejected, withdrawn, revoked, superseded or expired.");
        }

        long? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position
                : throw DomainException.BadRequest("The cursor is not one this service gave out.");
        }

        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw DomainException.BadRequest($"limit must be between 1 and {MaxPageSize}.");
        }

        var now = time.GetUtcNow();
        var party = user.IsInRole(Roles.Auditor) ? null : user.MemberId();
        var listing = await store.ListAsync(new ContractQuery(party, wanted, after, size), now, cancellationToken);
        return TypedResults.Ok(new ContractPage(
            [.. listing.Items.Select(c => c.ToSummary(now))],
            listing.NextCursor?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads a contract, its state and its content digest; the ETag goes into If-Match when editing.</summary>
    /// <response code="404">No such contract, or the caller is not a party (nor an auditor).</response>
    private static async Task<Ok<ContractView>> GetAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, IContractStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var contract = await FindVisibleAsync(id, user, store, cancellationToken);
        http.Response.Headers.ETag = contract.ETag();
        return TypedResults.Ok(contract.ToView(time.GetUtcNow()));
    }

    /// <summary>Replaces a draft's content. Only the proposer may; the If-Match header must carry the draft's current ETag.</summary>
    /// <response code="409">The contract is no longer a draft.</response>
    /// <response code="412">The draft changed since the ETag was read.</response>
    /// <response code="428">No If-Match header.</response>
    private static async Task<Ok<ContractView>> EditAsync(
        Guid id, ContractContent content, ClaimsPrincipal user, HttpContext http, IContractStore store, IContractParties parties,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var me = user.MemberId();
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch))
        {
            throw DomainException.PreconditionRequired("Send the draft's ETag in If-Match, so a concurrent edit is not overwritten.");
        }

        var now = time.GetUtcNow();
        var result = await store.ChangeAsync(id, c => CanSee(user, c), async (contract, ct) =>
        {
            RequireMatch(contract, ifMatch);
            await ValidateAsync(content, me, parties, ct);
            contract.Edit(me, content, now);
            return null;
        }, cancellationToken);
        http.Response.Headers.ETag = result.Contract.ETag();
        return TypedResults.Ok(result.Contract.ToView(now));
    }

    /// <summary>Freezes the draft: from now on its digest is what the parties approve. Proposer only; If-Match is honoured when sent.</summary>
    private static Task<Ok<ContractView>> ProposeAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, IContractStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        return ChangeAsync(id, user, http, store, time, (contract, me, now) =>
        {
            if (!string.IsNullOrEmpty(ifMatch))
            {
                RequireMatch(contract, ifMatch);
            }

            contract.Propose(me, now);
        }, cancellationToken);
    }

    /// <summary>The digest to approve and the exact payload an approval signs.</summary>
    private static async Task<Ok<ContractDigestView>> DigestAsync(
        Guid id, ClaimsPrincipal user, IContractStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var contract = await FindVisibleAsync(id, user, store, cancellationToken);
        return TypedResults.Ok(new ContractDigestView(
            contract.Id, contract.EffectiveState(time.GetUtcNow()).ToWire(), contract.DigestHex,
            ContractApprovalSignature.Payload(contract.Id, contract.DigestHex)));
    }

    /// <summary>Approves the proposed contract's exact digest with a signature by one of the caller's active keys.</summary>
    /// <remarks>
    /// From Swagger UI:
    /// 1. `GET /contracts/{id}/digest` and read `digest` (review the content with `GET /contracts/{id}` first).
    /// 2. On your machine: `governance contracts sign-digest --key my-key.pem --member ME --contract ID --digest DIGEST`
    ///    prints a compact JWS (ES256 for a P-256 key, ES384 for P-384, `kid` = the key's RFC 7638 thumbprint) over the
    ///    UTF-8 payload `governance-contract-approval-v1:{contract id}:{digest}`; the private key never leaves your machine.
    /// 3. Paste it here: `{"digest": "DIGEST", "signature": "eyJ..."}`.
    ///
    /// When the last party approves, the contract becomes accepted. A digest other than the current one answers 409; a
    /// signature that does not verify with an active key of the caller answers 422. Members signed in through an external
    /// issuer may leave out the signature only where the consortium allows it; such approvals are marked unsigned.
    /// `governance contracts approve ID` does all three steps.
    /// </remarks>
    /// <response code="409">Stale digest, not proposed, or already approved.</response>
    /// <response code="422">The signature is missing, malformed, by an unknown or removed key, or does not verify.</response>
    private static Task<Ok<ContractView>> ApproveAsync(
        Guid id, ApproveContractRequest request, ClaimsPrincipal user, HttpContext http, IContractStore store,
        IContractParties parties, TimeProvider time, CancellationToken cancellationToken)
    {
        var digest = ApprovalVerifier.ParseDigest(request.Digest);
        return ChangeAsync(id, user, http, store, time, async (contract, me, now, ct) =>
        {
            contract.CheckApprovable(me, digest);
            var keys = await parties.KeysAsync(me, ct);
            var unsignedAllowed = user.IsExternallySignedIn()
                && string.IsNullOrWhiteSpace(request.Signature)
                && await parties.AllowUnsignedApprovalsForExternalIdentitiesAsync(ct);
            var evidence = ApprovalVerifier.Verify(contract, me, digest, request.Signature, keys, unsignedAllowed);
            contract.Approve(me, digest, evidence, now);
        }, cancellationToken);
    }

    /// <summary>The approvals with the signatures and the public keys that made them, for anyone to re-verify offline.</summary>
    private static async Task<Ok<ContractApprovalsView>> ApprovalsAsync(
        Guid id, ClaimsPrincipal user, IContractStore store, CancellationToken cancellationToken)
    {
        var contract = await FindVisibleAsync(id, user, store, cancellationToken);
        return TypedResults.Ok(new ContractApprovalsView(
            contract.Id, contract.DigestHex,
            [.. contract.Approvals.OrderBy(a => a.ApprovedAt).Select(a => a.ToView())]));
    }

    /// <summary>Rejects the proposed contract, with a reason; any party may.</summary>
    private static Task<Ok<ContractView>> RejectAsync(
        Guid id, RejectContractRequest request, ClaimsPrincipal user, HttpContext http, IContractStore store, TimeProvider time,
        CancellationToken cancellationToken) =>
        ChangeAsync(id, user, http, store, time, (contract, me, now) => contract.Reject(me, request.Reason, now), cancellationToken);

    /// <summary>Withdraws a draft or proposed contract; proposer only.</summary>
    private static Task<Ok<ContractView>> WithdrawAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, IContractStore store, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, http, store, time, (contract, me, now) => contract.Withdraw(me, now), cancellationToken);

    /// <summary>Revokes an accepted contract; any party may. Releases stop at once.</summary>
    private static Task<Ok<ContractView>> RevokeAsync(
        Guid id, [FromBody] RevokeContractRequest? request, ClaimsPrincipal user, HttpContext http, IContractStore store,
        TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, http, store, time, (contract, me, now) => contract.Revoke(me, request?.Reason, now), cancellationToken);

    /// <summary>
    /// Starts an amendment of an accepted contract: a new draft version (the caller its proposer) with the same content,
    /// linked to this one. This version stays in force until the amendment is accepted, then it is superseded.
    /// </summary>
    private static async Task<Created<ContractView>> AmendAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, IContractStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var me = user.MemberId();
        var now = time.GetUtcNow();
        var result = await store.ChangeAsync(id, c => CanSee(user, c),
            (contract, _) => Task.FromResult<Contract?>(contract.Amend(me, Guid.CreateVersion7(now), now)), cancellationToken);
        var amendment = result.Created!;
        http.Response.Headers.ETag = amendment.ETag();
        return TypedResults.Created($"/contracts/{amendment.Id:D}", amendment.ToView(now));
    }

    /// <summary>Every transition of the contract, oldest first.</summary>
    private static async Task<Ok<IReadOnlyList<ContractEventView>>> EventsAsync(
        Guid id, ClaimsPrincipal user, IContractStore store, CancellationToken cancellationToken)
    {
        await FindVisibleAsync(id, user, store, cancellationToken);
        var events = await store.EventsAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ContractEventView>>([.. events.Select(e => e.ToView())]);
    }

    private static Task<Ok<ContractView>> ChangeAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, IContractStore store, TimeProvider time,
        Action<Contract, string, DateTimeOffset> change, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, http, store, time, (contract, me, now, _) =>
        {
            change(contract, me, now);
            return Task.CompletedTask;
        }, cancellationToken);

    private static async Task<Ok<ContractView>> ChangeAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, IContractStore store, TimeProvider time,
        Func<Contract, string, DateTimeOffset, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        var me = user.MemberId();
        var now = time.GetUtcNow();
        var result = await store.ChangeAsync(id, c => CanSee(user, c), async (contract, ct) =>
        {
            await change(contract, me, now, ct);
            return null;
        }, cancellationToken);
        http.Response.Headers.ETag = result.Contract.ETag();
        return TypedResults.Ok(result.Contract.ToView(now));
    }

    private static async Task<Contract> FindVisibleAsync(Guid id, ClaimsPrincipal user, IContractStore store, CancellationToken cancellationToken)
    {
        var contract = await store.FindAsync(id, cancellationToken);
        return contract is not null && CanSee(user, contract)
            ? contract
            : throw DomainException.NotFound("contract", id.ToString("D"));
    }

    private static bool CanSee(ClaimsPrincipal user, Contract contract) =>
        user.IsInRole(Roles.Auditor) || contract.IsParty(user.MemberId());

    private static void RequireMatch(Contract contract, string ifMatch)
    {
        var tags = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!tags.Contains(contract.ETag(), StringComparer.Ordinal) && !tags.Contains("*"))
        {
            throw DomainException.PreconditionFailed(
                $"The contract changed since you read it (now {contract.ETag()}); reload it and apply your change again.");
        }
    }

    private static async Task ValidateAsync(ContractContent content, string proposer, IContractParties parties, CancellationToken cancellationToken)
    {
        var ids = content?.Parties?.Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var standings = await parties.StandingsAsync(ids, cancellationToken);
        ContractContentValidator.Validate(content, proposer, standings);
    }
}
