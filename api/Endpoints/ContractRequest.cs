namespace Governance.Api.Endpoints;

/// <summary>What every contract endpoint takes from the request besides its own parameters: the caller, If-Match, the clock, and the response for the ETag.</summary>
internal readonly record struct ContractRequest(ClaimsPrincipal User, HttpContext Http, TimeProvider Time)
{
    public ContractCaller Caller() => ContractCaller.From(User);

    public string? IfMatch() => Http.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch : null;

    /// <summary>The contract's view, with its ETag set on the response.</summary>
    public ContractView View(Contract contract)
    {
        Http.Response.Headers.ETag = ContractETag.Of(contract);
        return contract.ToView(Time.GetUtcNow());
    }
}
