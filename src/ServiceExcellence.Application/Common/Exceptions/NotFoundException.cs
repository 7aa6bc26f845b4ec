namespace ServiceExcellence.Application.Common.Exceptions;

/// <summary>The record does not exist, or the current user may not know that it does.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");
