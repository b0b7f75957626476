package io.github.samij.core.model;

import io.github.samij.core.SamException;

/**
 * A model folder whose files are missing or no longer match their checksums: a disk error, a
 * half-copied cache, a replaced file. For the managed default model this means one fresh download
 * ({@link SamModel#loadDefault}); for a user's own folder the message says what to do.
 */
final class DamagedModel extends SamException {

	private static final long serialVersionUID = 1L;

	DamagedModel(String message) {
		super(message);
	}
}
