/**
 * The backend-neutral SparKer engine API (docs/design.md §1–3, §6–7): dense {@link
 * org.sparker.engine.FloatMatrix} points, model parameters ({@link org.sparker.engine.KernelModel},
 * {@link org.sparker.engine.ModelState}), the {@link org.sparker.engine.KernelBackend} operations
 * (distances, forward pass, fused loss and analytic gradient), the {@link
 * org.sparker.engine.Loss} functions and backend discovery ({@link org.sparker.engine.Backends}).
 */
package org.sparker.engine;
