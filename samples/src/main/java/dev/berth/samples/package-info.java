/** Recipes and runnable demos: the users' stories, end to end. */
@NullMarked
package dev.berth.samples;

import org.jspecify.annotations.NullMarked;
