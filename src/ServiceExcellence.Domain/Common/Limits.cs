namespace ServiceExcellence.Domain.Common;

/// <summary>Column lengths shared by the domain rules, the validators and the database schema.</summary>
public static class Limits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Code = 40;
    public const int ExternalReference = 100;
    public const int Language = 10;
    public const int Segment = 60;
    public const int Currency = 3;
    public const int SourceSystem = 60;
    public const int ApiKeyPrefix = 16;
    public const int Hash = 64;
}
