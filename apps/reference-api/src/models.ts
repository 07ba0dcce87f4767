import { Category } from './categories/model.js';
import { Country } from './countries/model.js';
import { Order, OrderItem } from './orders/model.js';
import { Product, ProductCategory } from './products/model.js';
import { Profile, User } from './users/model.js';

/** Every model of the app, in dependency order. */
export const MODELS = [Country, User, Profile, Category, Product, ProductCategory, Order, OrderItem] as const;
