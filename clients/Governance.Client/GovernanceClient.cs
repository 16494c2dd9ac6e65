namespace Governance.Client;

/// <summary>
/// The typed client of the Governance service: one property per resource, every call cancellable, every
/// error a typed <see cref="Errors.GovernanceApiException"/>. Build it with a base URL and a token provider
/// (<see cref="MemberKeyTokenProvider"/> for a member's key, <see cref="CallbackTokenProvider"/> for OpenID
/// Connect), or register it with <see cref="GovernanceClientServiceCollectionExtensions.AddGovernanceClient"/>.
/// </summary>
public sealed partial class GovernanceClient : IDisposable
{
    private readonly HttpClient? _owned;

    /// <summary>For dependency injection: the HttpClient already carries base address, token and retry handlers.</summary>
    [ActivatorUtilitiesConstructor]
    public GovernanceClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        Connection = new GovernanceConnection(httpClient);
        (Members, Proposals, Contracts, Release, Secrets) = (new MembersApi(Connection), new ProposalsApi(Connection), new ContractsApi(Connection), new ReleaseApi(Connection), new SecretsApi(Connection));
        Audit = new AuditApi(Connection);
    }

    /// <summary>
    /// A client of its own: retries 429/503 with back-off and Retry-After, adds the provider's token to each
    /// attempt. <paramref name="primaryHandler"/> replaces the network handler (an in-process test server, a proxy).
    /// </summary>
    public GovernanceClient(Uri baseAddress, ITokenProvider tokens, HttpMessageHandler? primaryHandler = null, GovernanceClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(tokens);
        options ??= new GovernanceClientOptions();
        var pipeline = GovernanceResilience.Build(options);
        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = new BearerTokenHandler(tokens) { InnerHandler = primaryHandler ?? new SocketsHttpHandler() },
        };
        _owned = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = WithTrailingSlash(baseAddress),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Connection = new GovernanceConnection(_owned);
        (Members, Proposals, Contracts, Release, Secrets) = (new MembersApi(Connection), new ProposalsApi(Connection), new ContractsApi(Connection), new ReleaseApi(Connection), new SecretsApi(Connection));
        Audit = new AuditApi(Connection);
    }

    /// <summary>The raw connection, for endpoints newer than this SDK.</summary>
    public GovernanceConnection Connection { get; }

    /// <summary>Members, their keys, and the service settings.</summary>
    public MembersApi Members { get; }

    /// <summary>Membership proposals and ballots.</summary>
    public ProposalsApi Proposals { get; }

    /// <summary>Contracts, their digests and signed approvals.</summary>
    public ContractsApi Contracts { get; }

    /// <summary>Attested key release: challenges and release requests.</summary>
    public ReleaseApi Release { get; }

    /// <summary>The audit log, its proofs and signed heads, and the service's signing keys.</summary>
    public AuditApi Audit { get; }

    /// <summary>The caller's secrets.</summary>
    public SecretsApi Secrets { get; }

    public Uri? BaseAddress => Connection.Http.BaseAddress;

    public void Dispose() => _owned?.Dispose();

    internal static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
