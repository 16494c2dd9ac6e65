namespace Governance.Api.Endpoints;

public static class ProposalsEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var proposals = app.MapGroup("/proposals").WithTags("Proposals")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        proposals.MapPost("/", Propose).WithName("Propose").RequireAuthorization(Policies.Member)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        proposals.MapGet("/", ListProposals).WithName("ListProposals").RequireAuthorization(Policies.Authenticated)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        proposals.MapGet("/{id:guid}", GetProposal).WithName("GetProposal").RequireAuthorization(Policies.Authenticated)
            .ProducesProblem(StatusCodes.Status404NotFound);
        proposals.MapPost("/{id:guid}/ballots", CastBallot).WithName("CastBallot").RequireAuthorization(Policies.Member)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        proposals.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawProposal").RequireAuthorization(Policies.Member)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Proposes a membership change: add or remove a member, change a member's roles, or change the quorum rule.</summary>
    /// <remarks>
    /// Only active members with the member role propose. The proposal is open until ballots decide it by the
    /// consortium's quorum rule (majority by default, or unanimity); the proposer votes with a ballot like anyone.
    /// Example: <c>{"kind":"addMember","memberId":"dave","displayName":"Dave","roles":["member"],"keys":[{"kty":"EC","crv":"P-384","x":"…","y":"…"}]}</c>.
    /// </remarks>
    /// <response code="201">The open proposal.</response>
    /// <response code="403">The caller may not propose (not a voting member).</response>
    /// <response code="409">The change clashes with the membership (member exists, key in use, member removed).</response>
    /// <response code="422">The change is invalid (unknown role, bad key, last voting member).</response>
    internal static async Task<Created<ProposalResponse>> Propose(CreateProposalRequest request, [AsParameters] MemberCaller caller,
        ProposeMembershipChange propose, CancellationToken cancellationToken)
    {
        var proposal = await propose.HandleAsync(caller.MemberId, request.ToChange(), cancellationToken);
        return TypedResults.Created($"/proposals/{proposal.Id}", proposal.ToResponse());
    }

    /// <summary>Lists proposals, newest first, optionally in one state, a page at a time.</summary>
    /// <param name="state" example="open">open, accepted, rejected, withdrawn or dropped.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="limit">1–200, default 50.</param>
    /// <response code="200">A page of proposals and the cursor of the next (null on the last page).</response>
    internal static async Task<Ok<ProposalPage>> ListProposals(ProposalQueries queries, CancellationToken cancellationToken,
        string? state = null, string? cursor = null, int? limit = null)
    {
        var wanted = StateFilter.Parse<ProposalState>(state);

        var page = PageRequest.Parse(cursor, limit, DefaultPageSize, MaxPageSize);
        var listing = await queries.ListAsync(new ProposalQuery(wanted, page.After, page.Limit), cancellationToken);
        return TypedResults.Ok(new ProposalPage(
            [.. listing.Items.Select(p => p.ToResponse())], listing.Next?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Gets a proposal with its ballots.</summary>
    /// <response code="200">The proposal.</response>
    /// <response code="404">No such proposal.</response>
    internal static async Task<Ok<ProposalResponse>> GetProposal(Guid id, ProposalQueries queries, CancellationToken cancellationToken)
    {
        var proposal = await queries.FindAsync(id, cancellationToken);
        return TypedResults.Ok(proposal.ToResponse());
    }

    /// <summary>Casts the caller's ballot; when it reaches the quorum the change takes effect at once.</summary>
    /// <remarks>
    /// One ballot per member: the same ballot again is answered 200 without effect, a different one 409.
    /// When a proposal is accepted, every other open proposal is dropped, since the membership or rule it
    /// was voted under has changed.
    /// </remarks>
    /// <response code="200">The proposal after the ballot (its state shows whether it was decided).</response>
    /// <response code="403">The caller may not vote (not a voting member).</response>
    /// <response code="409">The caller already voted differently, or the proposal is closed.</response>
    internal static async Task<Ok<ProposalResponse>> CastBallot(Guid id, CastBallotRequest request, [AsParameters] MemberCaller caller,
        CastBallot cast, CancellationToken cancellationToken)
    {
        var proposal = await cast.HandleAsync(id, caller.MemberId, (Vote)(int)request.Vote, cancellationToken);
        return TypedResults.Ok(proposal.ToResponse());
    }

    /// <summary>Withdraws an open proposal (its proposer only).</summary>
    /// <response code="200">The withdrawn proposal.</response>
    /// <response code="403">The caller is not the proposer.</response>
    /// <response code="409">The proposal is no longer open.</response>
    internal static async Task<Ok<ProposalResponse>> Withdraw(Guid id, [AsParameters] MemberCaller caller, WithdrawProposal withdraw,
        CancellationToken cancellationToken)
    {
        var proposal = await withdraw.HandleAsync(id, caller.MemberId, cancellationToken);
        return TypedResults.Ok(proposal.ToResponse());
    }
}
