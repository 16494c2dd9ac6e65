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

        write.MapPost("", CreateAsync).WithName("CreateContract").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        read.MapGet("", ListAsync).WithName("ListContracts");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetContract");
        write.MapPut("/{id:guid}", EditAsync).WithName("EditContract")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        write.MapPost("/{id:guid}/propose", ProposeAsync).WithName("ProposeContract")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        read.MapGet("/{id:guid}/digest", DigestAsync).WithName("GetContractDigest");
        write.MapPost("/{id:guid}/approvals", ApproveAsync).WithName("ApproveContract");
        read.MapGet("/{id:guid}/approvals", ApprovalsAsync).WithName("ListContractApprovals");
        write.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectContract").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("WithdrawContract").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeContract").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/consent", ConsentAsync).WithName("ChangeContractConsent")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        write.MapPost("/{id:guid}/amend", AmendAsync).WithName("AmendContract").ProducesProblem(StatusCodes.Status409Conflict);
        read.MapGet("/{id:guid}/events", EventsAsync).WithName("ListContractEvents");
        read.MapGet("/{id:guid}/diff", DiffAsync).WithName("DiffContract");
        return app;
    }

    /// <summary>Drafts a contract; the caller becomes its proposer and must be one of its parties.</summary>
    /// <remarks>
    /// Content (camelCase JSON): title, description?, parties (member ids), datasets [{owner, name, location, format,
    /// schemaDigest?, keySecret, credentialSecret?}], secrets [{owner, name}], cleanRoom {type 0–3, vmpl, customRuntime?,
    /// egress secure|trusted|open, egressPolicy? (open only: allowedFormats [{format, allowedOperators, maxBytes?}])}, attestationPolicy, validity {notBefore?, notAfter?, maxReleases?}.
    /// Hex values are lowercase. Invalid content answers 422 with an `errors` map from JSON path to messages.
    /// </remarks>
    /// <response code="201">The draft, with its ETag and its `warnings`: relaxed attestation rules, secrets not uploaded yet.</response>
    /// <response code="422">The content breaks a rule; see `errors`.</response>
    private static async Task<Created<ContractView>> CreateAsync(
        ContractContent content, [AsParameters] ContractRequest request, CreateContract create, ContractWarnings warnings, CancellationToken cancellationToken)
    {
        var contract = await create.HandleAsync(content, request.Caller(), cancellationToken);
        var view = request.View(contract) with { Warnings = await warnings.OfAsync(contract.Content, cancellationToken) };
        return TypedResults.Created($"/contracts/{contract.Id:D}", view);
    }

    /// <summary>Lists the caller's contracts (auditors: all), newest first.</summary>
    /// <remarks>
    /// `state`: draft, proposed, accepted, rejected, withdrawn, revoked, superseded or expired. `cursor`: the `nextCursor` of
    /// the previous page. `limit`: 1–200, default 50.
    /// </remarks>
    private static async Task<Ok<ContractPage>> ListAsync(
        [AsParameters] ContractRequest request, ContractQueries queries, CancellationToken cancellationToken,
        string? state = null, string? cursor = null, int? limit = null)
    {
        var wanted = StateFilter.Parse<ContractStateName>(state);

        var page = PageRequest.Parse(cursor, limit, DefaultPageSize, MaxPageSize);
        var now = request.Time.GetUtcNow();
        var listing = await queries.ListAsync(request.Caller(), wanted, page.After, page.Limit, now, cancellationToken);
        return TypedResults.Ok(new ContractPage(
            [.. listing.Items.Select(c => c.ToSummary(now))],
            listing.NextCursor?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads a contract, its state and its content digest; the ETag goes into If-Match when editing.</summary>
    /// <response code="404">No such contract, or the caller is not a party (nor an auditor).</response>
    private static async Task<Ok<ContractView>> GetAsync(
        Guid id, [AsParameters] ContractRequest request, ContractQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(request.View(await queries.FindVisibleAsync(id, request.Caller(), cancellationToken)));

    /// <summary>Replaces a draft's content. Only the proposer may; the If-Match header must carry the draft's current ETag.</summary>
    /// <response code="409">The contract is no longer a draft.</response>
    /// <response code="412">The draft changed since the ETag was read.</response>
    /// <response code="428">No If-Match header.</response>
    private static async Task<Ok<ContractView>> EditAsync(
        Guid id, ContractContent content, [AsParameters] ContractRequest request, EditContract edit, CancellationToken cancellationToken) =>
        TypedResults.Ok(request.View(await edit.HandleAsync(id, content, request.IfMatch(), request.Caller(), cancellationToken)));

    /// <summary>Freezes the draft: from now on its digest is what the parties approve. Proposer only; If-Match is honoured when sent.</summary>
    /// <response code="200">The proposed contract and its `warnings`, which the parties see before they approve.</response>
    private static async Task<Ok<ContractView>> ProposeAsync(
        Guid id, [AsParameters] ContractRequest request, ProposeContract propose, ContractWarnings warnings, CancellationToken cancellationToken)
    {
        var contract = await propose.HandleAsync(id, request.IfMatch(), request.Caller(), cancellationToken);
        return TypedResults.Ok(request.View(contract) with { Warnings = await warnings.OfAsync(contract.Content, cancellationToken) });
    }

    /// <summary>The digest to approve and the exact payload an approval signs.</summary>
    private static async Task<Ok<ContractDigestView>> DigestAsync(
        Guid id, [AsParameters] ContractRequest request, ContractQueries queries, CancellationToken cancellationToken)
    {
        var contract = await queries.FindVisibleAsync(id, request.Caller(), cancellationToken);
        return TypedResults.Ok(new ContractDigestView(
            contract.Id, contract.EffectiveState(request.Time.GetUtcNow()), contract.DigestHex,
            ContractApprovalSignature.Payload(contract.Id, contract.DigestHex)));
    }

    /// <summary>Approves the proposed contract's exact digest with a signature by one of the caller's active keys.</summary>
    /// <remarks>
    /// From Swagger UI:
    /// 1. Review the content with `GET /contracts/{id}`.
    /// 2. On your machine: `governance contracts sign-digest --contract ID --service URL --member ME --key my-key.pem`
    ///    fetches the content, recomputes its digest (refusing if it is not the service's) and prints
    ///    `{"digest": …, "signature": …}`: a compact JWS (ES256 for a P-256 key, ES384 for P-384, `kid` = the key's RFC 7638
    ///    thumbprint) over the UTF-8 payload `governance-contract-approval-v1:{contract id}:{digest}`; the private key never
    ///    leaves your machine.
    /// 3. Paste it here.
    ///
    /// When the last party approves, the contract becomes accepted. A digest other than the current one answers 409; a
    /// signature that does not verify with an active key of the caller answers 422. Members signed in through an external
    /// issuer may leave out the signature only where the consortium allows it; such approvals are marked unsigned.
    /// `governance contracts approve ID` does all three steps and shows a summary of the content before it asks.
    /// </remarks>
    /// <response code="409">Stale digest, not proposed, or already approved.</response>
    /// <response code="422">The signature is missing, malformed, by an unknown or removed key, or does not verify.</response>
    private static async Task<Ok<ContractView>> ApproveAsync(
        Guid id, ApproveContractRequest approval, [AsParameters] ContractRequest request, ApproveContract approve, CancellationToken cancellationToken) =>
        TypedResults.Ok(request.View(await approve.HandleAsync(id, approval.Digest, approval.Signature, request.Caller(), cancellationToken)));

    /// <summary>The approvals with the signatures and the public keys that made them, for anyone to re-verify offline.</summary>
    private static async Task<Ok<ContractApprovalsView>> ApprovalsAsync(
        Guid id, [AsParameters] ContractRequest request, ContractQueries queries, CancellationToken cancellationToken)
    {
        var contract = await queries.FindVisibleAsync(id, request.Caller(), cancellationToken);
        return TypedResults.Ok(new ContractApprovalsView(
            contract.Id, contract.DigestHex,
            [.. contract.Approvals.OrderBy(a => a.ApprovedAt).Select(a => a.ToView())]));
    }

    /// <summary>Rejects the proposed contract, with a reason; any party may.</summary>
    private static async Task<Ok<ContractView>> RejectAsync(
        Guid id, RejectContractRequest rejection, [AsParameters] ContractRequest request, RejectContract reject, CancellationToken cancellationToken) =>
        TypedResults.Ok(request.View(await reject.HandleAsync(id, rejection.Reason, request.Caller(), cancellationToken)));

    /// <summary>Withdraws a draft or proposed contract; proposer only.</summary>
    private static async Task<Ok<ContractView>> WithdrawAsync(
        Guid id, [AsParameters] ContractRequest request, WithdrawContract withdraw, CancellationToken cancellationToken) =>
        TypedResults.Ok(request.View(await withdraw.HandleAsync(id, request.Caller(), cancellationToken)));

    /// <summary>Revokes an accepted contract; any party may. Releases stop at once.</summary>
    private static async Task<Ok<ContractView>> RevokeAsync(
        Guid id, [FromBody] RevokeContractRequest? revocation, [AsParameters] ContractRequest request, RevokeContract revoke,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(request.View(await revoke.HandleAsync(id, revocation?.Reason, request.Caller(), cancellationToken)));

    /// <summary>Turns one of the caller's consent switches on an accepted contract on or off, signed; any party may, for itself.</summary>
    /// <remarks>
    /// Switches: `execution` (on until a party turns it off; while any party has it off, releases are refused with rule
    /// `contract.paused` naming who paused it, and only that party resumes), `logging` and `telemetry` (on only while every
    /// party has turned them on; any party turns them off alone). The contract view's `consent` shows where they stand.
    ///
    /// `signature`: a compact JWS (ES256/ES384, `kid` = the key's RFC 7638 thumbprint) by one of the caller's active keys over
    /// the UTF-8 payload `governance-contract-consent-v1:{contract id}:{switch}:{true|false}:{sequence}`, where `sequence` is
    /// the view's `consent.sequence` + 1. `governance contracts consent ID --switch execution --disable --reason "…"` signs and sends it.
    /// The change is audited as `contract.consent_changed` with its reason.
    /// </remarks>
    /// <response code="409">Not accepted, a stale sequence, or the switch is already so.</response>
    /// <response code="422">The signature is missing, by an unknown or removed key, or does not verify.</response>
    private static async Task<Ok<ContractView>> ConsentAsync(
        Guid id, ChangeConsentRequest consent, [AsParameters] ContractRequest request, ChangeConsent change, CancellationToken cancellationToken) =>
        TypedResults.Ok(request.View(await change.HandleAsync(id,
            new ConsentChange(ConsentSwitches.Parse(consent.Switch), consent.Enabled, consent.Sequence, consent.Signature, consent.Reason),
            request.Caller(), cancellationToken)));

    /// <summary>
    /// Starts an amendment of an accepted contract: a new draft version (the caller its proposer) with the same content,
    /// linked to this one. This version stays in force until the amendment is accepted, then it is superseded.
    /// </summary>
    private static async Task<Created<ContractView>> AmendAsync(
        Guid id, [AsParameters] ContractRequest request, AmendContract amend, CancellationToken cancellationToken)
    {
        var amendment = await amend.HandleAsync(id, request.Caller(), cancellationToken);
        return TypedResults.Created($"/contracts/{amendment.Id:D}", request.View(amendment));
    }

    /// <summary>How this version's content differs from an earlier version of its amendment chain: a JSON Patch and the same in words.</summary>
    /// <remarks>
    /// `from`: the earlier version's number, by default the one before. `patch` holds RFC 6902 operations that turn the
    /// earlier content into this one (paths are RFC 6901 pointers into the content); `changes` says the same one line per
    /// difference, naming parties, datasets and secrets by name. `governance contracts diff ID` prints it.
    /// </remarks>
    /// <response code="400">`from` is not a number, not an earlier version of this chain, or this is the original version.</response>
    /// <response code="404">No such contract, or the caller may not see it or the earlier version.</response>
    private static async Task<Ok<ContractDiffView>> DiffAsync(
        Guid id, [AsParameters] ContractRequest request, DiffContract diff, CancellationToken cancellationToken, string? from = null) =>
        TypedResults.Ok(await diff.HandleAsync(id, from, request.Caller(), cancellationToken));

    /// <summary>Every transition of the contract, oldest first.</summary>
    private static async Task<Ok<IReadOnlyList<ContractEventView>>> EventsAsync(
        Guid id, [AsParameters] ContractRequest request, ContractQueries queries, CancellationToken cancellationToken)
    {
        var events = await queries.EventsAsync(id, request.Caller(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ContractEventView>>([.. events.Select(e => e.ToView())]);
    }
}
