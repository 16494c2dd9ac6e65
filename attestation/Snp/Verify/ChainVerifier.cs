namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// Verifies VEK ← ASK/ASVK ← ARK with manual RSA-PSS checks against the pinned (or explicitly configured) roots,
/// validity dates against the given time, issuer names, the VEK's P-384 key and its AMD extensions. A verified
/// chain is cached by the SHA-256 of the VEK certificate, so a warm verification only re-checks validity dates.
/// </summary>
public sealed class ChainVerifier
{
    private const string SecP384r1 = "1.3.132.0.34";

    private readonly IReadOnlyList<SnpTrustRoot> _roots;
    private readonly ConcurrentDictionary<HashKey, VerifiedEndorsementKey> _cache = new();
    /// <summary>Most distinct certificates from the evidence considered as intermediates.</summary>
    public const int MaxSuppliedIntermediates = 4;

    private readonly int _capacity;
    private readonly Dictionary<SnpTrustRoot, HashSet<string>> _revoked = [];

    /// <exception cref="ArgumentException">A configured CRL is malformed or not signed by a trusted ARK.</exception>
    public ChainVerifier(SnpVerificationOptions options)
    {
        _roots = [.. AmdRoots.BuiltIn, .. options.ExtraTrustedRoots];
        _capacity = Math.Max(1, options.VerifiedChainCacheCapacity);
        foreach (var der in options.RevocationLists)
        {
            RevocationList crl;
            try
            {
                crl = RevocationList.Parse(der);
            }
            catch (SnpFormatException e)
            {
                throw new ArgumentException($"A configured CRL is malformed: {e.Message}", nameof(options), e);
            }

            var root = _roots.FirstOrDefault(r => r.Ark.SubjectName.RawData.AsSpan().SequenceEqual(crl.IssuerName) && crl.IsSignedBy(r.ArkKey))
                ?? throw new ArgumentException("A configured CRL is not signed by a trusted ARK.", nameof(options));
            if (!_revoked.TryGetValue(root, out var serials))
            {
                _revoked[root] = serials = new HashSet<string>(StringComparer.Ordinal);
            }

            serials.UnionWith(crl.RevokedSerials);
        }
    }

    /// <summary>Number of chains currently cached.</summary>
    public int CachedChains => _cache.Count;

    /// <summary>Looks a VEK up in the verified-chain cache (the certificate's SHA-256).</summary>
    public bool TryGetCached(ReadOnlySpan<byte> vekDer, out VerifiedEndorsementKey key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(vekDer, hash);
        return _cache.TryGetValue(new HashKey(hash), out key!);
    }

    /// <summary>
    /// Verifies the chain of <paramref name="vekDer"/> at <paramref name="now"/>. <paramref name="suppliedIntermediates"/>
    /// (from the evidence) are considered only if they verify under a trusted ARK. The product is the root's; the
    /// caller compares it with the report's.
    /// </summary>
    /// <exception cref="AttestationVerificationException">The chain does not verify.</exception>
    public VerifiedEndorsementKey Verify(byte[] vekDer, IEnumerable<byte[]> suppliedIntermediates, DateTimeOffset now)
    {
        if (TryGetCached(vekDer, out var cached))
        {
            CheckValidity(cached.NotBefore, cached.NotAfter, now, "certificate chain");
            return cached;
        }

        var verified = VerifyCold(vekDer, suppliedIntermediates, now);
        if (_cache.Count >= _capacity)
        {
            _cache.Clear();
        }

        _cache[new HashKey(verified.CertificateSha256)] = verified;
        return verified;
    }

    private VerifiedEndorsementKey VerifyCold(byte[] vekDer, IEnumerable<byte[]> suppliedIntermediates, DateTimeOffset now)
    {
        X509Certificate2 vek;
        try
        {
            vek = X509CertificateLoader.LoadCertificate(vekDer);
        }
        catch (CryptographicException e)
        {
            throw Fail(AttestationFailureReason.MalformedEvidence, "The endorsement key certificate cannot be read.", e);
        }

        using (vek)
        {
            return VerifyLoaded(vek, vekDer, suppliedIntermediates, now);
        }
    }

    private VerifiedEndorsementKey VerifyLoaded(X509Certificate2 vek, byte[] vekDer, IEnumerable<byte[]> suppliedIntermediates, DateTimeOffset now)
    {
        VekExtensions extensions;
        try
        {
            extensions = VekExtensions.FromCertificate(vek);
        }
        catch (SnpFormatException e)
        {
            throw Fail(AttestationFailureReason.InvalidEndorsementKey, e.Message, e);
        }

        var kind = (extensions.HwId, extensions.CspId) switch
        {
            ({ }, null) => SigningKeyKind.Vcek,
            (null, { }) => SigningKeyKind.Vlek,
            _ => throw Fail(AttestationFailureReason.InvalidEndorsementKey, "The endorsement key must carry exactly one of hwID (VCEK) or cspID (VLEK)."),
        };

        var supplied = new List<X509Certificate2>();
        // Each distinct certificate once, and only a few: a chain needs one intermediate, and every one tried costs an
        // RSA-PSS verify that an anonymous caller would otherwise choose the number of.
        foreach (var der in suppliedIntermediates.DistinctBy(Convert.ToHexString).Take(MaxSuppliedIntermediates))
        {
            try
            {
                supplied.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException)
            {
                // An unreadable extra certificate cannot help build the chain; the pinned ones still can.
            }
        }

        try
        {
            return FindChain(vek, vekDer, extensions, kind, supplied, now);
        }
        finally
        {
            supplied.ForEach(c => c.Dispose());
        }
    }

    private VerifiedEndorsementKey FindChain(X509Certificate2 vek, byte[] vekDer, VekExtensions extensions, SigningKeyKind kind, List<X509Certificate2> supplied, DateTimeOffset now)
    {
        var nameProduct = ProductIdentification.FromProductName(extensions.ProductName);
        var issuerSeen = false;
        foreach (var root in _roots)
        {
            if (nameProduct is { } named && root.Product != named)
            {
                continue;
            }

            foreach (var intermediate in root.Intermediates.Concat(supplied))
            {
                if (!intermediate.SubjectName.RawData.AsSpan().SequenceEqual(vek.IssuerName.RawData) ||
                    !intermediate.IssuerName.RawData.AsSpan().SequenceEqual(root.Ark.SubjectName.RawData))
                {
                    continue;
                }

                issuerSeen = true;
                if (!IsVlekIntermediate(intermediate).Equals(kind == SigningKeyKind.Vlek))
                {
                    continue;
                }

                using var intermediateKey = intermediate.GetRSAPublicKey();
                if (intermediateKey is null || !SafeVerify(intermediate.RawData, root.ArkKey) || !SafeVerify(vekDer, intermediateKey))
                {
                    continue;
                }

                if (_revoked.TryGetValue(root, out var revoked) && revoked.Contains(RevocationList.SerialKey(intermediate.SerialNumberBytes.Span)))
                {
                    throw Fail(AttestationFailureReason.CertificateRevoked, $"{intermediate.Subject} (serial {intermediate.SerialNumber}) is revoked by the {root.Product} ARK's CRL.");
                }

                return Accept(vek, vekDer, extensions, kind, root, intermediate, now);
            }
        }

        throw issuerSeen
            ? Fail(AttestationFailureReason.CertificateSignatureInvalid, $"The endorsement key certificate ({vek.Issuer}) does not verify under a trusted AMD key with RSA-PSS SHA-384.")
            : Fail(AttestationFailureReason.UntrustedCertificateChain, $"The endorsement key's issuer ({vek.Issuer}) is not a trusted AMD signing key.");
    }

    private static VerifiedEndorsementKey Accept(X509Certificate2 vek, byte[] vekDer, VekExtensions extensions, SigningKeyKind kind, SnpTrustRoot root, X509Certificate2 intermediate, DateTimeOffset now)
    {
        var notBefore = new[] { vek.NotBefore, intermediate.NotBefore, root.Ark.NotBefore }.Select(d => new DateTimeOffset(d.ToUniversalTime())).Max();
        var notAfter = new[] { vek.NotAfter, intermediate.NotAfter, root.Ark.NotAfter }.Select(d => new DateTimeOffset(d.ToUniversalTime())).Min();
        CheckValidity(notBefore, notAfter, now, "certificate chain");

        ECDsa? publicKey;
        ECCurve curve;
        try
        {
            publicKey = vek.GetECDsaPublicKey();
            curve = publicKey?.ExportParameters(false).Curve ?? default;
        }
        catch (CryptographicException e)
        {
            // A point that is not on its curve (or an unreadable key) is refused here, not thrown past the verifier.
            throw Fail(AttestationFailureReason.InvalidEndorsementKey, "The endorsement key's public key is not a valid point on its curve.", e);
        }

        if (publicKey is null)
        {
            throw Fail(AttestationFailureReason.InvalidEndorsementKey, "The endorsement key is not an ECDSA key.");
        }

        if (publicKey.KeySize != 384 || !(curve.Oid?.Value == SecP384r1 || curve.Oid?.FriendlyName is "nistP384" or "secp384r1" or "ECDSA_P384"))
        {
            publicKey.Dispose();
            throw Fail(AttestationFailureReason.InvalidEndorsementKey, "The endorsement key is not on curve P-384.");
        }

        return new VerifiedEndorsementKey(root, RevocationList.SerialKey(intermediate.SerialNumberBytes.Span), kind, publicKey, extensions, SHA256.HashData(vekDer), notBefore, notAfter);
    }

    private static bool IsVlekIntermediate(X509Certificate2 intermediate) =>
        intermediate.GetNameInfo(X509NameType.SimpleName, forIssuer: false).StartsWith("SEV-VLEK-", StringComparison.Ordinal);

    private static bool SafeVerify(byte[] certificate, RSA issuerKey)
    {
        try
        {
            return RsaPssCertificateSignature.Verify(certificate, issuerKey);
        }
        catch (SnpFormatException)
        {
            return false;
        }
    }

    private static void CheckValidity(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now, string what)
    {
        if (now < notBefore || now > notAfter)
        {
            throw Fail(AttestationFailureReason.CertificateNotTimeValid, $"The {what} is valid from {notBefore:u} to {notAfter:u}, not at {now:u}.");
        }
    }

    private static AttestationVerificationException Fail(AttestationFailureReason reason, string message, Exception? inner = null) => new(reason, message, inner);

    private readonly struct HashKey : IEquatable<HashKey>
    {
        private readonly ulong _a;
        private readonly ulong _b;
        private readonly ulong _c;
        private readonly ulong _d;

        public HashKey(ReadOnlySpan<byte> sha256)
        {
            _a = BitConverter.ToUInt64(sha256);
            _b = BitConverter.ToUInt64(sha256[8..]);
            _c = BitConverter.ToUInt64(sha256[16..]);
            _d = BitConverter.ToUInt64(sha256[24..]);
        }

        public bool Equals(HashKey other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

        public override bool Equals(object? obj) => obj is HashKey other && Equals(other);

        public override int GetHashCode() => (int)_a;
    }
}
