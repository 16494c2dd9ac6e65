namespace Governance.Api.Application.Release;

/// <summary>
/// The released clean room's channel: a consent check answered with a statement signed by the receipt key, and events
/// appended to the audit log with the clean room as actor. Each request is a JWS by the wrapping key a granted release
/// of this contract bound (<see cref="CleanRoomProof"/>) over a fresh nonce, which it uses up; it is refused (403
/// naming the rule) when no release bound that key, the signature or statement does not hold, the nonce is not fresh,
/// or the contract is no longer in force (revoked, superseded, expired). Everything about the request is bounded
/// before the database is asked anything.
/// </summary>
internal sealed partial class CleanRoomChannel(
    IUnitOfWork unitOfWork,
    ReleaseBindings bindings,
    ReleaseChallengeStore challenges,
    IContractRepository contracts,
    ReceiptSigner signer,
    IAuditLog audit,
    TimeProvider time)
{
    /// <summary>The key is bound to the contract by a granted release.</summary>
    public const string KeyBoundRule = "channel.key_bound";

    /// <summary>The proof verifies with that key.</summary>
    public const string SignatureRule = "channel.signature";

    /// <summary>The signed statement names this contract and what the route does.</summary>
    public const string StatementRule = "channel.statement";

    private const int MaxThumbprintLength = 64;

    public async Task<ConsentCheckResponse> CheckConsentAsync(Guid contractId, CleanRoomRequest? request, CancellationToken cancellationToken)
    {
        var (binding, statement) = await AuthenticateAsync(contractId, request, CleanRoomStatement.ConsentCheck, cancellationToken);
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var contract = await UseNonceAndLoadAsync(contractId, statement, work, cancellationToken);
        var consent = contract.Consent;
        var signed = await signer.SignAsync(new ConsentStatement(
            contract.Id.ToString("D"), contract.DigestHex, contract.EffectiveState(time.GetUtcNow()).ToString().ToLowerInvariant(),
            consent.Execution, consent.PausedBy, consent.Logging, consent.Telemetry, consent.Sequence,
            statement.Nonce, binding.Thumbprint, time.GetUtcNow()), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return new ConsentCheckResponse(signed);
    }

    public async Task<CleanRoomEventReceipt> ReportEventAsync(Guid contractId, CleanRoomRequest? request, CancellationToken cancellationToken)
    {
        var (binding, statement) = await AuthenticateAsync(contractId, request, CleanRoomStatement.EventReport, cancellationToken);
        var (type, attributes) = Validate(statement.Event);
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var contract = await UseNonceAndLoadAsync(contractId, statement, work, cancellationToken);
        var receivedAt = time.GetUtcNow();
        await audit.AppendAsync(AuditRecord.CleanRoomEventReported(
            AuditActor.Vm(binding.ClaimsDigest), contract.Id, contract.Parties, binding.Thumbprint, type, attributes, receivedAt), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return new CleanRoomEventReceipt(receivedAt);
    }

    /// <summary>The binding whose key signed the proof, and what it signed; refused before anything is written.</summary>
    private async Task<(KeyBinding Binding, CleanRoomStatement Statement)> AuthenticateAsync(
        Guid contractId, CleanRoomRequest? request, string purpose, CancellationToken cancellationToken)
    {
        if (request?.Proof is not { } proof)
        {
            throw DomainException.BadRequest("The request carries 'proof': a compact JWS by the wrapping key the release bound.");
        }

        if (proof.Length > CleanRoomProof.MaxLength)
        {
            throw new DomainException(ErrorKind.TooLarge, "Proof too large", $"The proof is longer than {CleanRoomProof.MaxLength} characters.");
        }

        var thumbprint = CleanRoomProof.KeyIdOf(proof);
        if (thumbprint is not { Length: > 0 and <= MaxThumbprintLength })
        {
            throw DomainException.BadRequest("The proof is not a compact JWS whose header names the wrapping key's thumbprint as 'kid'.");
        }

        var binding = await bindings.FindAsync(contractId, thumbprint, cancellationToken)
            ?? throw Refused(KeyBoundRule, "No granted release of this contract bound this wrapping key.");
        var key = JsonSerializer.Deserialize<WrappingKey>(binding.PublicJwk)!;
        var statement = CleanRoomProof.Verify(proof, key)
            ?? throw Refused(SignatureRule, "The proof does not verify with the wrapping key it names.");
        if (statement.ContractId != contractId.ToString("D") || statement.Purpose != purpose || statement.Nonce is null)
        {
            throw Refused(StatementRule, $"The signed statement is not a '{purpose}' for this contract with a nonce.");
        }

        return (binding, statement);
    }

    /// <summary>Uses the statement's nonce up and loads the contract; refused unless the contract is still in force.</summary>
    private async Task<Contract> UseNonceAndLoadAsync(Guid contractId, CleanRoomStatement statement, IUnitOfWorkTransaction work, CancellationToken cancellationToken)
    {
        var nonce = ReleaseChallengeStore.Decode(statement.Nonce);
        var state = nonce is null ? NonceState.Malformed : await challenges.ConsumeAsync(nonce, cancellationToken);
        if (state != NonceState.Consumed)
        {
            var failure = ReleaseDecision.NonceFailure(state)!;
            throw Refused(failure.Rule, failure.Detail);
        }

        var contract = await contracts.FindAsync(contractId, cancellationToken)
            ?? throw Refused(ReleaseRules.ContractExists, "The contract does not exist.");
        if (contract.Check(time.GetUtcNow()).Reason is { } reason and not ReleaseIneligibility.ReleaseLimitReached)
        {
            // The nonce stays used: the refusal is the answer to this request.
            await work.CommitAsync(cancellationToken);
            throw Refused(ReleaseRules.For(reason), $"The contract is {contract.EffectiveState(time.GetUtcNow()).ToString().ToLowerInvariant()}: the clean room must stop.");
        }

        return contract;
    }

    /// <summary>An event's type and attributes, within the documented schema and size.</summary>
    private static (string Type, JsonObject Attributes) Validate(CleanRoomEvent? reported)
    {
        if (reported is null)
        {
            throw DomainException.BadParameter("event", "An event statement carries 'event' {type, attributes}.");
        }

        if (JsonSerializer.SerializeToUtf8Bytes(reported).Length > CleanRoomEvent.MaxBytes)
        {
            throw new DomainException(ErrorKind.TooLarge, "Event too large", $"An event is at most {CleanRoomEvent.MaxBytes} bytes of JSON.");
        }

        if (reported.Type is null || !NamePattern().IsMatch(reported.Type))
        {
            throw DomainException.BadParameter("event.type", "The type is 1–64 of a–z, 0–9, '.', '_', '-', starting with a letter.");
        }

        var attributes = new JsonObject();
        var given = reported.Attributes ?? new Dictionary<string, JsonElement>();
        if (given.Count > CleanRoomEvent.MaxAttributes)
        {
            throw DomainException.BadParameter("event.attributes", $"At most {CleanRoomEvent.MaxAttributes} attributes.");
        }

        foreach (var (name, value) in given)
        {
            if (!AttributeNamePattern().IsMatch(name))
            {
                throw DomainException.BadParameter("event.attributes", "Attribute names are 1–64 letters, digits, '.', '_', '-', starting with a letter.");
            }

            // The log keeps an entry in its RFC 8785 form, which has no way to write a number beyond a double's range:
            // such an event would be acknowledged and then lost, so it is refused here.
            if (value.ValueKind == JsonValueKind.Number && !(value.TryGetDouble(out var number) && double.IsFinite(number)))
            {
                throw DomainException.BadParameter("event.attributes", $"Attribute '{name}' is a number beyond the range of a 64-bit floating-point value.");
            }

            attributes[name] = value.ValueKind switch
            {
                JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => JsonNode.Parse(value.GetRawText()),
                JsonValueKind.Null => null,
                _ => throw DomainException.BadParameter("event.attributes", $"Attribute '{name}' is not a string, number, boolean or null."),
            };
        }

        return (reported.Type, attributes);
    }


    private static DomainException Refused(string rule, string detail) =>
        new(ErrorKind.Forbidden, "Clean room channel refused", detail,
            new Dictionary<string, object?> { ["failures"] = new List<ReleaseRefusal> { new(rule, detail) } });

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex AttributeNamePattern();
}
