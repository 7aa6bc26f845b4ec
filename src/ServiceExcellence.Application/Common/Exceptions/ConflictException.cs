namespace ServiceExcellence.Application.Common.Exceptions;

/// <summary>Someone else changed the record since it was read, or the change clashes with existing data.</summary>
public sealed class ConflictException(string message) : Exception(message);
