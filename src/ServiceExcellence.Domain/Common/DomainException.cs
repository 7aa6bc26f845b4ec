namespace ServiceExcellence.Domain.Common;

/// <summary>A business rule was broken; the message is written for the person who broke it.</summary>
public sealed class DomainException(string message) : Exception(message);
